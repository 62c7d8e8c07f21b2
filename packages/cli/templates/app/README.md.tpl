# {{projectName}}

A [Tenon](https://www.npmjs.com/package/@tenon/cli) app: HTTP on Fastify, dependency injection,
entities and repositories on {{databaseLabel}}, tests with `@tenon/testing`.

```bash
npm test            # unit and e2e tests (an embedded database, no server needed)
npm run dev         # watch src/, recompile and restart on every change (restart time printed)
npm start           # build, then run dist/main.js
curl http://127.0.0.1:3000/{{path}}
```

| path | what |
|---|---|
| `src/main.ts` | starts the HTTP server |
| `src/app.module.ts` | the root module: config, database, health, features |
| `src/app.config.ts` | typed configuration from the environment and `.env` |
| `src/{{folder}}/` | a resource: entity, repository, DTOs, service, controller, module |
| `test/` | unit tests (repository replaced by a mock) and e2e tests (`app.inject()`, no port) |

Endpoints: `/{{path}}` (CRUD), `/health/live`, `/health/ready`, `/docs` (Swagger UI), `/openapi.json`.

## Generate

```bash
npx tenon g resource cats      # src/cats/*, tests, and CatModule added to AppModule
npx tenon g service mailer     # src/mailer/mailer.service.ts, its test, registered in a module
npx tenon g resource cats --dry-run   # list the files it would write
```

## Database and migrations

`DATABASE_URL` selects the database (`pglite://./.tenon/data` embedded, `postgres://…`,
`mysql://…`, `sqlite://…`). With `SCHEMA_MODE=create` (the default here) tables are created from
the entities at boot. For production use migrations:

```bash
npx tenon migrate generate init   # src/migrations/<time>_init.ts from entities vs. database
npx tenon migrate up              # apply; also: down, status
SCHEMA_MODE=migrate npm start     # the app runs dist/migrations at boot
```

## Deploy

`docker build -t {{projectName}} .` builds a two-stage image (`npm ci --omit=dev` in the runtime
stage). `docker run -p 3000:3000 -e DATABASE_URL=postgres://… {{projectName}}`.

`npx tenon info` checks the set-up; `npx tenon graph --out graph.html` draws the module graph.

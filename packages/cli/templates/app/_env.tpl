# Read at boot by ConfigModule (process.env wins over this file). Keep secrets out of git: .env.local is ignored.
PORT=3000
HOST=127.0.0.1
DATABASE_URL={{databaseUrl}}
SCHEMA_MODE=create
LOG_LEVEL=info

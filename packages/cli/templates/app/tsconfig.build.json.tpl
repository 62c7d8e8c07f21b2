{
  "extends": "./tsconfig.json",
  "compilerOptions": { "rootDir": "src", "outDir": "dist", "noEmit": false, "types": ["node"] },
  "include": ["src"]
}

{
  "compilerOptions": {
    "target": "ES2022",
    "lib": ["ES2023"],
    "module": "{{tsModule}}",
    "moduleResolution": "{{tsModule}}",
    "types": ["node", "jest"],
    "strict": true,
    "experimentalDecorators": true,
    "emitDecoratorMetadata": true,
    "useDefineForClassFields": false,
    "esModuleInterop": true,
    "skipLibCheck": true,
    "sourceMap": true,
    "outDir": "dist",
    "noEmit": true
  },
  "include": ["src", "test"]
}

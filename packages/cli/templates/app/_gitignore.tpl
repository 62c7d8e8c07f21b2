node_modules/
dist/
coverage/
*.tsbuildinfo
.tenon/
.env.local

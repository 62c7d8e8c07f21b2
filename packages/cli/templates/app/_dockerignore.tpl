node_modules
dist
coverage
.tenon
.git
.env.local

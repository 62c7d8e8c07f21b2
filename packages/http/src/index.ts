// The public API of @tenon/http is assembled here as the package grows.
export {};

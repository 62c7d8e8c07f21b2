// The public API of @tenon/data is assembled here as the package grows.
export {};

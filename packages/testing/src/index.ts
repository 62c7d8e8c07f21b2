// The public API of @tenon/testing is assembled here as the package grows.
export {};

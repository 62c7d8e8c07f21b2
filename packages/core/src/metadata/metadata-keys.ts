// Namespaced keys so user metadata and ours never collide.
export const MODULE_METADATA = 'tenon:module';
export const GLOBAL_MODULE = 'tenon:module:global';
export const INJECTABLE_OPTIONS = 'tenon:injectable';
export const INJECT_PARAMS = 'tenon:inject:params';
export const OPTIONAL_PARAMS = 'tenon:optional:params';
export const INJECT_PROPERTIES = 'tenon:inject:properties';
export const PARAM_TYPES = 'design:paramtypes';
export const DESIGN_TYPE = 'design:type';

/** The reflect-metadata key TypeScript uses for a property's type (`emitDecoratorMetadata`). */
export const DESIGN_TYPE = 'design:type';

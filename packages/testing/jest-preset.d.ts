/** The jest preset for Tenon apps (`preset: '@tenon/testing'`); see jest-preset.js. */
declare const preset: {
  testEnvironment: string;
  transform: Record<string, [string, Record<string, unknown>]>;
  transformIgnorePatterns: string[];
  moduleNameMapper: Record<string, string>;
  setupFiles: string[];
  testPathIgnorePatterns: string[];
};
export = preset;

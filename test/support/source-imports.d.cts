/** Types of source-imports.cjs (plain CommonJS, since jest.config.js loads it too). */
export declare function jestModuleNameMapper(): Record<string, string>;
export declare function registerSourceImports(): void;

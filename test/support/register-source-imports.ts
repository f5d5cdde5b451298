import { registerSourceImports } from './source-imports.cjs';

registerSourceImports();

// ESLint 9/10 flat config. The one keyguard line is `...keyguard.configs.recommended`: it lints
// .js .jsx .mjs .cjs .ts .tsx .mts .cts, parses TypeScript with @typescript-eslint/parser
// (unless a config after it sets another parser), registers the plugin as `@keyguard` and
// turns on both rules as errors.
import keyguard from '@keyguard/eslint-plugin';

export default [...keyguard.configs.recommended];

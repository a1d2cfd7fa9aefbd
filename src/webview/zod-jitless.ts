// zod compiles fast parsers with `new Function` when it may, deciding as each schema is built. The webview's CSP
// forbids eval, and even zod's guarded probe is reported as a policy violation, so this must run before any
// schema module: main.ts imports it first. Interpreted parsing is plenty for these messages.
import * as z from 'zod';

z.config({ jitless: true });

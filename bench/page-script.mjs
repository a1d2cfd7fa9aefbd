// Parts of the extension bundled for a benchmark page, from their TypeScript sources, so a benchmark runs the
// project's own code rather than a copy of it.
import * as esbuild from 'esbuild';

/**
 * An init script that sets `window[globalName]` to the modules' exports. `modules` maps a source path (from the
 * project root, without extension) to the names it exports for the page.
 */
export async function pageScript(root, globalName, modules) {
  const contents = Object.entries(modules).map(([file, names]) => `export { ${names.join(', ')} } from './${file}';\n`).join('');
  const result = await esbuild.build({
    stdin: { contents, resolveDir: root, loader: 'ts' }, bundle: true, format: 'iife', globalName, write: false, logLevel: 'error',
  });
  // Init scripts run in a function's scope: the bundle's top-level `var` has to be made global by hand.
  return `${result.outputFiles[0].text}\nwindow.${globalName} = ${globalName};`;
}

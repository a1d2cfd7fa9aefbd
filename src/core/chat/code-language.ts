// The editor language of a code block, from the label on its fence, for opening the block in a new editor with the
// right highlighting. Models label fences with file extensions and nicknames as often as with language names.

/** Fence labels that are not VS Code language ids themselves. */
const LANGUAGE_OF_LABEL: ReadonlyMap<string, string> = new Map(Object.entries({
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript', jsx: 'javascriptreact',
  py: 'python', python3: 'python', rb: 'ruby', rs: 'rust', golang: 'go', kt: 'kotlin', kts: 'kotlin',
  cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', h: 'c', 'objective-c': 'objective-c', objc: 'objective-c',
  sh: 'shellscript', bash: 'shellscript', zsh: 'shellscript', shell: 'shellscript', console: 'shellscript', ksh: 'shellscript',
  ps1: 'powershell', pwsh: 'powershell', ps: 'powershell', bat: 'bat', cmd: 'bat',
  yml: 'yaml', json5: 'jsonc', md: 'markdown', htm: 'html', xhtml: 'html', svg: 'xml', xsd: 'xml',
  docker: 'dockerfile', containerfile: 'dockerfile', patch: 'diff', text: 'plaintext', txt: 'plaintext', plain: 'plaintext',
  tf: 'terraform', hcl: 'terraform', proto: 'proto3', vb: 'vb', fs: 'fsharp', 'f#': 'fsharp', ex: 'elixir', exs: 'elixir',
  pl: 'perl', hs: 'haskell', jl: 'julia', scss: 'scss', sass: 'sass', styl: 'stylus', mk: 'makefile', make: 'makefile',
}));

/**
 * The language id for a fence labelled `label` (its first word, in any case), when `known` (the editor's languages)
 * has it; plain text otherwise, since a model can write anything there.
 */
export function editorLanguageOf(label: string, known: readonly string[]): string {
  const word = /^[^\s{]+/.exec(label.trim())?.[0]?.toLowerCase() ?? '';
  const id = LANGUAGE_OF_LABEL.get(word) ?? word;
  return id !== '' && known.includes(id) ? id : 'plaintext';
}

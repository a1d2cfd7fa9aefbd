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

/** The language id a fence label stands for (its first word, in any case): "ts" → typescript; '' for none. */
export function languageIdOf(label: string): string {
  const word = /^[^\s{]+/.exec(label.trim())?.[0]?.toLowerCase() ?? '';
  return LANGUAGE_OF_LABEL.get(word) ?? word;
}

/**
 * The language id for a fence labelled `label`, when `known` (the editor's languages) has it; plain text
 * otherwise, since a model can write anything there.
 */
export function editorLanguageOf(label: string, known: readonly string[]): string {
  const id = languageIdOf(label);
  return id !== '' && known.includes(id) ? id : 'plaintext';
}

const SHELLS = new Set(['shellscript', 'powershell', 'bat', 'fish']);

/** Whether a block labelled `label` holds commands for a shell, and so can go to a terminal. */
export function isShellLanguage(label: string): boolean {
  return SHELLS.has(languageIdOf(label));
}

/**
 * A prompt at the start of a line of a session transcript: "$ npm test", "% make", "PS C:\src> dir". Not root's
 * "#": a script that starts with a comment would lose its commands and run its comments.
 */
const PROMPT = /^\s*(?:[$%]|PS [^>]*>)\s/;

/**
 * Control characters but tab and line feed, C1 controls included. At a prompt they are keys, not text: Ctrl+O runs
 * the line in bash, and escape sequences can end a bracketed paste or move the cursor.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The commands of a shell block as they should reach a terminal's prompt. A block that reads as a session (its
 * first line starts with a prompt) gives only its prompted lines, without the prompt: the others are output. Blank
 * lines at the end go, since each line break works as Enter, and so do control characters.
 */
export function terminalCommands(code: string): string {
  const lines = code.replace(/\r\n?/g, '\n').replace(CONTROL, '').split('\n');
  const first = lines.find((line) => line.trim() !== '') ?? '';
  const commands = PROMPT.test(first) ? lines.filter((line) => PROMPT.test(line)).map((line) => line.replace(PROMPT, '')) : lines;
  return commands.join('\n').replace(/\s+$/, '');
}

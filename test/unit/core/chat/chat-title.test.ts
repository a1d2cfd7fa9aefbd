// Titles are made on this machine from the first question, as the chat list shows them. Tested through the
// conversation core, where a chat gets its title when its first question is sent.
import * as assert from 'node:assert/strict';
import { TITLE_MAX_LENGTH } from '../../../../src/core/chat/chat-title';
import { conversation } from '../conversation/conversation-support';

function titleOf(question: string): string {
  const { chat } = conversation();
  chat.dispatch({ type: 'send', text: question });
  return chat.chat.title;
}

describe('chat titles', () => {
  it('leave out greetings and politeness', () => {
    assert.equal(titleOf('hi'), 'hi', 'a greeting alone is still better than "New chat"');
    assert.equal(titleOf('Hi there! Can you explain how JavaScript closures work?'), 'Explain how JavaScript closures work');
    assert.equal(titleOf('hello, could you please write a regex that matches ISO dates'), 'Write a regex that matches ISO dates');
    assert.equal(titleOf('Hey, quick question: how do I undo the last git commit?'), 'How do I undo the last git commit?');
    assert.equal(titleOf('please help me write unit tests for this reducer, thanks!'), 'Write unit tests for this reducer');
    assert.equal(titleOf('Good morning! I need you to review my Dockerfile'), 'Review my Dockerfile');
    assert.equal(titleOf('ok so why does my useEffect run twice?'), 'Why does my useEffect run twice?');
  });

  it('keep the first sentence of the first line that says something', () => {
    assert.equal(
      titleOf('My React app re-renders on every keystroke. I memoised the handler but it still happens. What am I missing?'),
      'My React app re-renders on every keystroke',
    );
    assert.equal(titleOf('Hi!\n\nWhy does `npm ci` fail in CI but not locally?\nThe log says EINTEGRITY.'), 'Why does npm ci fail in CI but not locally?');
    assert.equal(titleOf('What changed in Node v20.11 for fetch?'), 'What changed in Node v20.11 for fetch?', 'dots inside words do not end a sentence');
    assert.equal(titleOf('## Migrating to app.ts\nSome notes follow.'), 'Migrating to app.ts');
  });

  it('leave out pasted code and the labels of attached context', () => {
    assert.equal(
      titleOf('```ts\nconst x: number = "a";\n```\nWhy is this a type error?'),
      'Why is this a type error?',
    );
    assert.equal(
      titleOf('src/parser.ts:10-24:\n```ts\nfunction parse() {}\n```\n\nCould you refactor this to use a loop?'),
      'Refactor this to use a loop',
    );
    assert.equal(titleOf('#selection explain what this does'), 'Explain what this does');
    assert.equal(titleOf('@workspace where is the config loaded?'), 'Where is the config loaded?');
    assert.equal(titleOf('```py\nprint(1)\n```'), '```py', 'nothing but code: its first line, rather than no title');
    assert.equal(titleOf('Error: cannot find module my_helper_lib'), 'Error: cannot find module my_helper_lib', 'underscores and colons in prose stay');
  });

  it('cap the length at a word boundary', () => {
    const title = titleOf('Can you write a function that takes a list of customer orders and groups them by region and month?');
    assert.equal(title, 'Write a function that takes a list of customer…');
    assert.ok(title.length <= TITLE_MAX_LENGTH);
    const oneWord = titleOf('a'.repeat(200));
    assert.equal(oneWord.length, TITLE_MAX_LENGTH);
    assert.ok(oneWord.endsWith('…'));
  });
});

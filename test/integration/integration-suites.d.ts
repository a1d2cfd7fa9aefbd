// A virtual module made by esbuild.mjs: requiring it registers every suite in test/integration/suite.
declare module 'integration-suites';

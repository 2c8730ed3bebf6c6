export { FakeTokenRequests } from './fake-token-requests.ts';
export { type TestBrowser, testBrowser } from './test-browser.ts';

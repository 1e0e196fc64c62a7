export { pollUntil } from '../../src/testing/poll.js';

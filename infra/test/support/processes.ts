export { alive, descendants } from '../../src/testing/processes.js';

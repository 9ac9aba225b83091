import { displayText } from './display-text';

describe('displayText', () => {
  it('removes control characters and keeps tabs, newlines and every other character', () => {
    expect(displayText('A\u0000B\u0007C\u001bD\u007fE\u0085F')).toBe('ABCDEF');
    expect(displayText('line one\nline\ttwo')).toBe('line one\nline\ttwo');
    expect(displayText('Café <b>&</b> 日本 🚀')).toBe('Café <b>&</b> 日本 🚀');
  });
});

// Target text on a terminal: control characters (ANSI escapes, bells, carriage
// returns) could rewrite what a reader sees, so they become spaces.
export function terminalSafe(text: string, { keepNewlines = false } = {}): string {
  return keepNewlines
    ? text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g, ' ')
    : text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

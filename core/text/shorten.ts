/** Text quoted back in a message, cut to a readable length (a pasted cell can hold pages). */
export function shorten(text: string, max = 60): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

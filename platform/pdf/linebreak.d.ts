// linebreak (pdfkit's line breaker: Unicode UAX #14 break opportunities) ships no types.
declare module 'linebreak' {
  export interface Break {
    /** UTF-16 offset of the break: the text before it is a whole "word" (trailing spaces included). */
    position: number;
    /** A mandatory break (a newline). */
    required: boolean;
  }
  export default class LineBreaker {
    constructor(text: string);
    nextBreak(): Break | null;
  }
}

// The parts of the `edtf` package that Fieldbook uses (it ships no types).
declare module 'edtf' {
  interface EdtfValue {
    readonly type: string;
    readonly min: number;
    readonly max: number;
    readonly edtf: string;
    readonly lower?: EdtfValue | null;
    readonly upper?: EdtfValue | null;
    readonly unspecified?: { readonly value: number };
    readonly uncertain?: { readonly value: number };
    readonly approximate?: { readonly value: number };
  }
  function edtf(input: string): EdtfValue;
  export default edtf;
  // The classes of parse results, for instanceof (their `type` names can be renamed by a bundler).
  export class Date {}
  export class Year {}
  export class Decade {}
  export class Century {}
  export class Season {}
  export class Interval {}
  export class List {}
  export class Set extends List {}
}

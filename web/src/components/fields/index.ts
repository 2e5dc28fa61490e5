// Field controls and displays shared by every screen that shows entity values
// (entity form and grid, entity page, blueprint preview, transition inputs).
export { FieldInput, type FieldInputProps } from "./field-input.tsx";
export { FieldValue, type FieldValueProps } from "./field-value.tsx";
export type { LookupLabel, LookupOption, LookupOptions } from "./inputs/control-props.ts";
export { defaultCurrency } from "./inputs/currency-input.tsx";
export { NumberBox } from "./inputs/number-input.tsx";
export {
  decimalSeparator,
  formatDay,
  formatMoney,
  formatNumber,
  instantToZonedInput,
  numberInputText,
  parseNumberInput,
  zonedInputToInstant,
} from "./lib/conversions.ts";
export {
  checkFieldInput,
  emptyValue,
  type FieldInputProblem,
  type FieldInputRule,
  isEmptyValue,
  type Money,
  sortChoices,
} from "./lib/field-input-values.ts";
export { isOptionColor, OPTION_COLORS, type OptionColor, optionDotClass } from "./option-colors.ts";

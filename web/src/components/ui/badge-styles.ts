/**
 * Badge styles for narrow places (board cards): the label wraps onto a second line inside its container instead of
 * being cut off with an ellipsis (Mantine's default), so no badge hides its words.
 */
export const wrappingBadge = {
  root: { height: 'auto', maxWidth: '100%', textTransform: 'none' },
  label: { whiteSpace: 'normal', overflow: 'visible' },
} as const;

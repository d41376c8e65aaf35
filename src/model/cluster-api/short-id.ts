// The short form of a libp2p peer ID that operators recognise (`12D3KooW…x9Qa`): its first 8 and
// last 4 characters around an ellipsis (`...` where the terminal has no Unicode). Pure.

/** `12D3KooWAbCd…x9Qa` for a long ID; an ID of 13 characters or fewer is kept whole. */
export function shortPeerId(id: string, ellipsis = '…'): string {
  const chars = [...id];
  if (chars.length <= 13) return id;
  return `${chars.slice(0, 8).join('')}${ellipsis}${chars.slice(-4).join('')}`;
}

import { styled } from 'styled-components';

import type { WordPart } from './words';

export const Text = styled.span`
  white-space: pre-wrap;
  word-break: break-word;
  font-size: 1.4rem;
  line-height: 2.2rem;
  color: ${({ theme }) => theme.colors.neutral800};
`;

const Removed = styled.del`
  background: ${({ theme }) => theme.colors.danger200};
  color: ${({ theme }) => theme.colors.danger700};
  text-decoration: line-through;
  border-radius: 2px;
`;

const Added = styled.ins`
  background: ${({ theme }) => theme.colors.success200};
  color: ${({ theme }) => theme.colors.success700};
  text-decoration: none;
  border-radius: 2px;
`;

/**
 * One side of a word diff: the base with its removed words struck, or the proposal with its added
 * words marked (`<del>` and `<ins>`, which screen readers announce).
 */
export const TextDiff = ({ parts, side }: { parts: WordPart[]; side: 'before' | 'after' }) => (
  <Text>
    {parts.map((part, index) =>
      part.kind === 'same' ? (
        <span key={index}>{part.text}</span>
      ) : part.kind === 'removed' && side === 'before' ? (
        <Removed key={index}>{part.text}</Removed>
      ) : part.kind === 'added' && side === 'after' ? (
        <Added key={index}>{part.text}</Added>
      ) : null
    )}
  </Text>
);

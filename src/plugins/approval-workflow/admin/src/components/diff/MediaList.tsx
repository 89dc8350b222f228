import { Box, Flex, Typography } from '@strapi/design-system';
import { File } from '@strapi/icons';
import { styled } from 'styled-components';

import type { MediaValue } from '../../../../shared/contracts/requests';
import { SideMark } from './SideMark';
import { fileUrl } from './media';

export const isMediaValue = (value: unknown): value is MediaValue =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as MediaValue).url === 'string' &&
  typeof (value as MediaValue).name === 'string';

const Thumbnail = styled.img`
  display: block;
  width: 8rem;
  height: 8rem;
  object-fit: cover;
  border-radius: ${({ theme }) => theme.borderRadius};
  border: 1px solid ${({ theme }) => theme.colors.neutral200};
`;

const isImage = (file: MediaValue) => file.mime === null || file.mime.startsWith('image/');

/** Media files as thumbnails (images) or icons (other files), with their names; `changed` files get the side's marker. */
export const MediaList = ({ values, changed, side }: { values: MediaValue[]; changed: Set<number>; side: 'before' | 'after' }) => {
  return (
    <Flex tag="ul" gap={3} wrap="wrap" alignItems="flex-start">
      {values.map((file) => {
        const marked = changed.has(file.id);
        return (
          <Flex
            tag="li"
            key={file.id}
            direction="column"
            alignItems="flex-start"
            gap={1}
            data-media={file.id}
            data-marked={marked ? side : undefined}
          >
            {isImage(file) ? (
              <Thumbnail src={fileUrl(file.thumbnailUrl ?? file.url)} alt={file.name} loading="lazy" />
            ) : (
              <Box padding={5} background="neutral150" hasRadius>
                <File width="3.2rem" height="3.2rem" aria-hidden />
              </Box>
            )}
            <Box maxWidth="12rem">
              <Typography variant="pi" textColor="neutral700" ellipsis title={file.name}>
                {file.name}
              </Typography>
            </Box>
            {marked ? <SideMark side={side} /> : null}
          </Flex>
        );
      })}
    </Flex>
  );
};

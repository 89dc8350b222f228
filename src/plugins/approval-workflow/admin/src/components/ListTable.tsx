import * as React from 'react';

import { Flex, Table, Tbody, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Pagination } from '@strapi/strapi/admin';

import type { Pagination as PageInfo } from '../../../shared/contracts/common';

/**
 * A list page's table as Strapi's own lists draw it: the column headers, the rows given as
 * children, and — for a paged list — the page size and page links below it (they read and write
 * `page` and `pageSize` in the URL).
 */
export const ListTable = ({
  columns,
  rowCount,
  pagination = null,
  defaultPageSize,
  children,
}: {
  columns: string[];
  rowCount: number;
  pagination?: Pick<PageInfo, 'pageCount' | 'total'> | null;
  defaultPageSize?: number;
  children: React.ReactNode;
}) => (
  <Flex direction="column" alignItems="stretch" gap={4}>
    <Table colCount={columns.length} rowCount={rowCount + 1}>
      <Thead>
        <Tr>
          {columns.map((label) => (
            <Th key={label}>
              <Typography variant="sigma" textColor="neutral600">
                {label}
              </Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>{children}</Tbody>
    </Table>
    {pagination ? (
      <Pagination.Root pageCount={pagination.pageCount} total={pagination.total} defaultPageSize={defaultPageSize}>
        <Pagination.PageSize />
        <Pagination.Links />
      </Pagination.Root>
    ) : null}
  </Flex>
);

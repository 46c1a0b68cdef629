-- The OCI spec lists tags "in lexical order (i.e. case-insensitive alphanumeric order)": by the
-- lower-cased name, then by the name itself so that tags differing only in case keep one order.
-- Tag list pages follow this index.
CREATE INDEX tag_list_order ON registry.tag (repository_id, lower(name), name);

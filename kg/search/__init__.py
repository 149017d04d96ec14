"""Search in Chinese: entities by label, alias or pinyin, and evidence sentences, from an FTS5 index."""
from kg.search.build import INDEX_NAME, SearchIndex, build_store_index, index_path, open_index, search
from kg.search.find import SearchHit

__all__ = ["INDEX_NAME", "SearchHit", "SearchIndex", "build_store_index", "index_path", "open_index",
           "search"]

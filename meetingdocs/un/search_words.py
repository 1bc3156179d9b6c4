"""The words of the site search in each language: the search box and the search page.

Pure data keyed by language code. ``{query}`` and ``{count}`` are filled in by the page's
script; counts are written as "Results: 3" so that no language needs plural forms.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from meetingdocs.un.dates import check_language


@dataclass(frozen=True)
class SearchWords:
    search: str
    """The search page's title and the search box's button."""
    field: str
    """The accessible name of the search field."""
    results: str
    """Above the results: ``{count}``."""
    none: str
    """No result: ``{query}``."""
    searching: str
    unavailable: str
    """The search could not be loaded (no JavaScript, or the index is missing)."""

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


_WORDS: dict[str, SearchWords] = {
    "ar": SearchWords(
        search="بحث", field="البحث في الوثائق", results="النتائج: {count}",
        none="لا توجد وثيقة تطابق «{query}».", searching="جارٍ البحث…",
        unavailable="تعذّر تحميل البحث.",
    ),
    "zh_CN": SearchWords(
        search="搜索", field="搜索文件", results="结果：{count}",
        none="没有与“{query}”匹配的文件。", searching="正在搜索……",
        unavailable="无法加载搜索。",
    ),
    "en": SearchWords(
        search="Search", field="Search the documents", results="Results: {count}",
        none="No document matches “{query}”.", searching="Searching…",
        unavailable="The search could not be loaded.",
    ),
    "fr": SearchWords(
        search="Rechercher", field="Rechercher dans les documents",
        results="Résultats\u00a0: {count}",
        none="Aucun document ne correspond à «\u00a0{query}\u00a0».",
        searching="Recherche en cours…",
        unavailable="La recherche n’a pas pu être chargée.",
    ),
    "ru": SearchWords(
        search="Поиск", field="Поиск по документам", results="Результаты: {count}",
        none="По запросу «{query}» документов не найдено.", searching="Идет поиск…",
        unavailable="Не удалось загрузить поиск.",
    ),
    "es": SearchWords(
        search="Buscar", field="Buscar en los documentos", results="Resultados: {count}",
        none="Ningún documento coincide con «{query}».", searching="Buscando…",
        unavailable="No se pudo cargar la búsqueda.",
    ),
}


def search_words(lang: str) -> SearchWords:
    """The search words of ``lang`` (a language code)."""
    return _WORDS[check_language(lang)]

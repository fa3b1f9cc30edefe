"""Building the POST data of admin change forms with inlines, as the browser would send it."""


def inline(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def empty_inlines(*prefixes: str) -> dict:
    data = {}
    for prefix in prefixes:
        data.update(inline(prefix, []))
    return data

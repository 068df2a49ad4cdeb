{% macro normalize_name(column_name) -%}
    {{ return(adapter.dispatch('normalize_name')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_name(column_name) -%}
    {#- A match key: clean_display_name (placeholders are null), accents removed, lower
        case, apostrophes dropped (O'Brien -> obrien), any other character that is not a
        letter, space or hyphen becomes a space (St. John -> st john), spaces collapsed and
        none around hyphens (Smith - Jones -> smith-jones); null when nothing is left. -#}
    nullif(
        trim(both '-' from trim(
            regexp_replace(
                regexp_replace(
                    regexp_replace(
                        regexp_replace(
                            lower({{ remove_accents(clean_display_name(column_name)) }}),
                            '[''’`´ʼ]', '', 'g'
                        ),
                        '[^a-z -]+', ' ', 'g'
                    ),
                    '\s*-\s*', '-', 'g'
                ),
                '\s+', ' ', 'g'
            )
        )),
        ''
    )
{%- endmacro %}

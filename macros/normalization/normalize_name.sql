{% macro normalize_name(column_name) -%}
    {{ return(adapter.dispatch('normalize_name')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_name(column_name) -%}
    {#- A match key: clean_display_name (placeholders are null), accents removed, lower
        case, apostrophes dropped (O'Brien -> obrien), any other character that is not a
        letter, space or hyphen becomes a space (St. John -> st john), spaces collapsed and
        none around hyphens (Smith - Jones -> smith-jones); null when nothing is left. -#}
    {%- set folded -%}lower({{ remove_accents(clean_display_name(column_name)) }}){%- endset -%}
    {%- set without_apostrophes = regex_replace(folded, "['’`´ʼ]", '') -%}
    {%- set letters_only = regex_replace(without_apostrophes, '[^a-z -]+', ' ') -%}
    {%- set tight_hyphens = regex_replace(letters_only, '\\s*-\\s*', '-') -%}
    nullif(
        trim(both '-' from trim({{ regex_replace(tight_hyphens, '\\s+', ' ') }})),
        ''
    )
{%- endmacro %}

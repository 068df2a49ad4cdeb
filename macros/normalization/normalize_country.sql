{% macro normalize_country(column_name) -%}
    {{ return(adapter.dispatch('normalize_country')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_country(column_name) -%}
    {#- ISO 3166 alpha-2 code (upper case) of a country typed as a code or a name, looked up
        in seed country_names after folding the text (accents removed, lower case, dots
        dropped, other punctuation as spaces): 'U.S.' -> US, 'España' -> ES, 'DEU' -> DE.
        Null when blank or not in the seed. -#}
    (
        select max(country_names.country_code)
        from {{ ref('country_names') }} as country_names
        where country_names.country_name = trim(regexp_replace(
            regexp_replace(lower({{ remove_accents(column_name) }}), '[.]', '', 'g'),
            '[^a-z]+', ' ', 'g'
        ))
    )
{%- endmacro %}

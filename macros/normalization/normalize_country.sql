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
        where country_names.country_name = {{ country_name_key(column_name) }}
    )
{%- endmacro %}

{% macro spark__normalize_country(column_name) -%}
    {#- Spark cannot resolve a row's column in a correlated subquery nested in another
        subquery, and normalize_phone reads a country inside its own: the seed is read once
        by an uncorrelated subquery, as a map from name to code. -#}
    element_at(
        (
            select map_from_entries(collect_list(struct(country_names.country_name, country_names.country_code)))
            from (
                select country_name, max(country_code) as country_code
                from {{ ref('country_names') }}
                group by country_name
            ) as country_names
        ),
        {{ country_name_key(column_name) }}
    )
{%- endmacro %}

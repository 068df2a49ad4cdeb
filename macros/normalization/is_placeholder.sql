{% macro is_placeholder(expression, identifier_types) -%}
    {{ return(adapter.dispatch('is_placeholder')(expression, identifier_types)) }}
{%- endmacro %}

{% macro default__is_placeholder(expression, identifier_types) -%}
    {#- True when the expression equals an `exact` entry of seed placeholder_values for one
        of the identifier types, or is LIKE one of its `pattern` entries; false otherwise
        (also for null). Callers pass the value in the form the seed lists it: normalized
        email, digits of a phone, lower-cased text, ISO date text. The word `null` is a
        `text` placeholder too, written here because dbt's CSV loader reads it as a
        missing value on some engines. Two exists, not one with an `or` inside: the exact
        values are then an equi-join (hashed), and only the few patterns are compared to
        every row. -#}
    {%- set types = [identifier_types] if identifier_types is string else identifier_types -%}
    {%- set type_list -%}('{{ types | join("', '") }}'){%- endset -%}
    (
        exists (
            select 1
            from {{ ref('placeholder_values') }} as placeholder_values
            where
                placeholder_values.identifier_type in {{ type_list }}
                and placeholder_values.match_kind = 'exact'
                and placeholder_values.value_or_pattern = {{ expression }}
        )
        or exists (
            select 1
            from {{ ref('placeholder_values') }} as placeholder_values
            where
                placeholder_values.identifier_type in {{ type_list }}
                and placeholder_values.match_kind = 'pattern'
                and {{ expression }} like placeholder_values.value_or_pattern
        )
        {%- if 'text' in types %}
        or coalesce({{ expression }} = 'null', false)
        {%- endif %}
    )
{%- endmacro %}

{% macro spark__is_placeholder(expression, identifier_types) -%}
    {#- Spark turns every correlated exists into a join of its own (a staging model has a
        dozen) and cannot resolve one nested in another subquery. The seed is read instead by
        two uncorrelated subqueries that run once per query: the exact values as an array,
        the patterns as one regular expression (% -> .*, _ -> ., the rest quoted literally). -#}
    {%- set types = [identifier_types] if identifier_types is string else identifier_types -%}
    {%- set type_list -%}('{{ types | join("', '") }}'){%- endset -%}
    {%- set like_as_regex -%}
        concat({{ regex_literal('\\Q') }}, replace(replace(placeholder_values.value_or_pattern, '%', {{ regex_literal('\\E.*\\Q') }}), '_', {{ regex_literal('\\E.\\Q') }}), {{ regex_literal('\\E') }})
    {%- endset -%}
    (
        coalesce(
            array_contains(
                (
                    select collect_set(placeholder_values.value_or_pattern)
                    from {{ ref('placeholder_values') }} as placeholder_values
                    where placeholder_values.identifier_type in {{ type_list }} and placeholder_values.match_kind = 'exact'
                ),
                {{ expression }}
            )
            or ({{ expression }}) rlike (
                select concat('(?s)^(?:', coalesce(nullif(array_join(collect_list({{ like_as_regex }}), '|'), ''), '(?!)'), ')$')
                from {{ ref('placeholder_values') }} as placeholder_values
                where placeholder_values.identifier_type in {{ type_list }} and placeholder_values.match_kind = 'pattern'
            ),
            false
        )
        {%- if 'text' in types %}
        or coalesce({{ expression }} = 'null', false)
        {%- endif %}
    )
{%- endmacro %}

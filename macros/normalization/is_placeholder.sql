{% macro is_placeholder(expression, identifier_types) -%}
    {{ return(adapter.dispatch('is_placeholder')(expression, identifier_types)) }}
{%- endmacro %}

{% macro default__is_placeholder(expression, identifier_types) -%}
    {#- True when the expression equals an `exact` entry of seed placeholder_values for one
        of the identifier types, or is LIKE one of its `pattern` entries; false otherwise
        (also for null). Callers pass the value in the form the seed lists it: normalized
        email, digits of a phone, lower-cased text, ISO date text. The word `null` is a
        `text` placeholder too, written here because dbt's CSV loader reads it as a
        missing value on some engines. -#}
    {%- set types = [identifier_types] if identifier_types is string else identifier_types -%}
    {%- set type_list -%}('{{ types | join("', '") }}'){%- endset -%}
    (
        exists (
            select 1
            from {{ ref('placeholder_values') }} as placeholder_values
            where
                placeholder_values.identifier_type in {{ type_list }}
                and (
                    (placeholder_values.match_kind = 'exact' and {{ expression }} = placeholder_values.value_or_pattern)
                    or (placeholder_values.match_kind = 'pattern' and {{ expression }} like placeholder_values.value_or_pattern)
                )
        )
        {%- if 'text' in types %}
        or coalesce({{ expression }} = 'null', false)
        {%- endif %}
    )
{%- endmacro %}

{% macro normalize_card_number(column_name) -%}
    {{ return(adapter.dispatch('normalize_card_number')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_card_number(column_name) -%}
    {#- A loyalty or membership card number as one string: upper case, spaces and hyphens
        dropped (6812 5029-3187 5 -> 681250293187 5); null when blank. -#}
    {%- set text -%}cast({{ column_name }} as {{ dbt.type_string() }}){%- endset -%}
    nullif(upper({{ regex_replace(text, '[\\s-]', '') }}), '')
{%- endmacro %}

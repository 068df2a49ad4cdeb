{% macro normalize_postcode(column_name) -%}
    {{ return(adapter.dispatch('normalize_postcode')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_postcode(column_name) -%}
    {#- Upper case, only letters, digits and hyphens kept (spaces and dots dropped:
        sw1a 1aa -> SW1A1AA, 94105-1234 stays); null when blank or a placeholder. -#}
    {%- set text -%}cast({{ column_name }} as {{ dbt.type_string() }}){%- endset -%}
    case
        when not {{ is_placeholder('lower(trim(' ~ text ~ '))', 'text') }}
            then nullif(upper({{ regex_replace(text, '[^A-Za-z0-9-]', '') }}), '')
    end
{%- endmacro %}

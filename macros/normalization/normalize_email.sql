{% macro normalize_email(column_name) -%}
    {{ return(adapter.dispatch('normalize_email')(column_name)) }}
{%- endmacro %}

{% macro default__normalize_email(column_name) -%}
    {#- Valid: one @, a local part of RFC 5322 atoms joined by single dots, a domain of
        labels (letters, digits, inner hyphens) ending in an alphabetic TLD of 2+ letters.
        Anything else (spaces inside, no or two @, no dot in the domain, a trailing dot)
        is null. The pattern is anchored, so it means the same on every engine. -#}
    {%- set text -%}lower(trim(cast({{ column_name }} as {{ dbt.type_string() }}))){%- endset -%}
    case
        when {{ regex_matches(
            text,
            "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$"
        ) }}
            then {{ text }}
    end
{%- endmacro %}

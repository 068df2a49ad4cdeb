{% macro parse_date(column_name, slash_order='mdy', century_pivot=30, null_placeholders=true) -%}
    {{ return(adapter.dispatch('parse_date')(column_name, slash_order, century_pivot, null_placeholders)) }}
{%- endmacro %}

{% macro default__parse_date(column_name, slash_order='mdy', century_pivot=30, null_placeholders=true) -%}
    {#- A date from messy text (shapes: date_text_to_iso), or null when the text has no known
        shape ('unknown'), names a day that does not exist (2023-02-30, 31/04/1990), or
        (null_placeholders) is a placeholder date of seed placeholder_values (1900-01-01).
        Calendar validity is checked by a regex over the ISO text before the cast, because
        PostgreSQL has no try_cast: the cast only ever sees a real day. -#}
    {%- set iso = date_text_to_iso(column_name, slash_order, century_pivot) -%}
    case
        when {{ regex_matches(iso, valid_iso_date_pattern()) }}
            {%- if null_placeholders %}
            and not {{ is_placeholder(iso, 'date') }}
            {%- endif %}
            then cast({{ iso }} as date)
    end
{%- endmacro %}

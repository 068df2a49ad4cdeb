{% macro clean_display_name(column_name) -%}
    {{ return(adapter.dispatch('clean_display_name')(column_name)) }}
{%- endmacro %}

{% macro default__clean_display_name(column_name) -%}
    {#- Trimmed, runs of whitespace collapsed to one space, case and accents kept; null when
        blank or a placeholder (seed placeholder_values, types `text` and `name`:
        N/A, unknown, -, test...). Also used for other free text shown to people
        (street, city). -#}
    (
        select
            case
                when not {{ is_placeholder('lower(display_name_input.display_name_collapsed)', ['text', 'name']) }}
                    then display_name_input.display_name_collapsed
            end
        from (
            select nullif(trim(regexp_replace(cast({{ column_name }} as varchar), '\s+', ' ', 'g')), '') as display_name_collapsed
        ) as display_name_input
    )
{%- endmacro %}

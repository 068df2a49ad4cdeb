{% macro activity_select(columns) -%}
    {{ return(adapter.dispatch('activity_select')(columns)) }}
{%- endmacro %}

{% macro default__activity_select(columns) -%}
    {#- The select list of one source's part of int_customer__activity_events: `columns` maps
        column name -> SQL expression; every column of the common shape that is not given is
        a typed null, so all parts union in the same order with the same types. -#}
    {%- set shape = activity_columns() -%}
    {%- for name in columns if name not in shape -%}
        {{ exceptions.raise_compiler_error("activity_select: unknown activity column '" ~ name ~ "'") }}
    {%- endfor -%}
    {%- for name, data_type in shape.items() %}
        cast({{ columns.get(name, 'null') }} as {{ data_type }}) as {{ name }}{{ ',' if not loop.last }}
    {%- endfor %}
{%- endmacro %}


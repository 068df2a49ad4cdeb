{% macro day_series(series_name, column_name, bounds, start_date, end_dates) -%}
    {{ return(adapter.dispatch('day_series')(series_name, column_name, bounds, start_date, end_dates)) }}
{%- endmacro %}

{% macro default__day_series(series_name, column_name, bounds, start_date, end_dates) -%}
    {#- The body of CTE `series_name` (the model's `with` must say `recursive`): one row per
        day from start_date up to the latest of end_dates (never before start_date), in
        column_name; start_date and end_dates are date expressions over the one-row relation
        bounds. No rows when start_date is null. Walks one day per recursion step. -#}
    select {{ start_date }} as {{ column_name }}
    from {{ bounds }}
    where {{ start_date }} is not null
    union all
    select cast({{ dbt.dateadd('day', 1, series_name ~ '.' ~ column_name) }} as date) as {{ column_name }}
    from {{ series_name }}
    cross join {{ bounds }}
    where
        {%- for end_date in end_dates %}
        {{ 'or ' if not loop.first }}{{ series_name }}.{{ column_name }} < {{ end_date }}
        {%- endfor %}
{%- endmacro %}

{% macro spark__day_series(series_name, column_name, bounds, start_date, end_dates) -%}
    {#- Spark stops a recursive CTE after 100 levels (a hundred days); sequence() makes the
        days at once. greatest() skips null end dates, as the walk's `or` does. -#}
    select explode(sequence(
        {{ start_date }},
        greatest({{ start_date }}, {{ end_dates | join(', ') }}),
        interval 1 day
    )) as {{ column_name }}
    from {{ bounds }}
    where {{ start_date }} is not null
{%- endmacro %}

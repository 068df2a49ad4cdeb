{#- Literal cases for day_series: per case, the number of days and the first and last day
    of the series over one row of bounds; returns the cases whose series differs. Covers a
    series longer than Spark's 100 recursion levels, an end before the start, the latest of
    two ends (one null), no end at all and no start. -#}
{%- set case_names = ['long', 'end before start', 'latest end', 'no end', 'no start'] -%}
with recursive

cases as (

    select fixture.*
    from (
        values
        ('long', '2024-01-01', '2024-12-31', null, 366, '2024-12-31'),
        ('end before start', '2024-03-10', '2024-03-01', null, 1, '2024-03-10'),
        ('latest end', '2024-03-01', '2024-03-03', '2024-03-05', 5, '2024-03-05'),
        ('no end', '2024-03-01', null, null, 1, '2024-03-01'),
        ('no start', null, '2024-03-01', null, 0, null)
    ) as fixture (case_name, start_text, end_a_text, end_b_text, expected_days, expected_last_text)

),

bounds as (

    select
        case_name,
        expected_days,
        cast(start_text as date) as start_date,
        cast(end_a_text as date) as end_a,
        cast(end_b_text as date) as end_b,
        cast(expected_last_text as date) as expected_last
    from cases

),

{% for case_name in case_names %}
    case_{{ loop.index }} as (

        select * from bounds
        where case_name = '{{ case_name }}'

    ),

    series_{{ loop.index }} as (

        {{ day_series(
            'series_' ~ loop.index, 'series_date', 'case_' ~ loop.index,
            'case_' ~ loop.index ~ '.start_date',
            ['case_' ~ loop.index ~ '.end_a', 'case_' ~ loop.index ~ '.end_b']
        ) }}

    ),
{% endfor %}

results as (

    {% for case_name in case_names %}
        select
            '{{ case_name }}' as case_name,
            count(*) as actual_days,
            min(series_date) as actual_first,
            max(series_date) as actual_last
        from series_{{ loop.index }}
        {{ 'union all' if not loop.last }}
    {% endfor %}

)

select
    bounds.case_name,
    bounds.expected_days,
    results.actual_days,
    bounds.expected_last,
    results.actual_last
from bounds
inner join results
    on bounds.case_name = results.case_name
where
    results.actual_days != bounds.expected_days
    or results.actual_first is distinct from bounds.start_date and bounds.expected_days > 0
    or results.actual_last is distinct from bounds.expected_last

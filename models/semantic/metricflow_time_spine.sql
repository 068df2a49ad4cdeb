{{ config(materialized='table') }}
{#- One row per day from 2015 through 2035: the time spine the semantic layer joins metrics
    to (dbt.date_spine runs on DuckDB and PostgreSQL). -#}

with

days as (

    {{ dbt.date_spine(
        datepart='day',
        start_date="cast('2015-01-01' as date)",
        end_date="cast('2036-01-01' as date)"
    ) }}

),

final as (

    select cast(days.date_day as date) as date_day
    from days

)

select * from final

{#- Customer ids and components correspond one to one in the current run: a component has
    one customer id and a customer id one component. Returns the offending ids. -#}

with

components as (

    select * from {{ ref('int_identity__components') }}

),

record_map as (

    select * from {{ ref('int_identity__record_map') }}

),

joined as (

    select
        components.component_id,
        record_map.customer_id
    from components
    inner join record_map
        on
            components.source_name = record_map.source_name
            and components.record_id = record_map.record_id

)

select
    'customer' as kind,
    cast(customer_id as {{ dbt.type_string() }}) as offending_id
from joined
group by customer_id
having count(distinct component_id) > 1

union all

select
    'component' as kind,
    cast(component_id as {{ dbt.type_string() }}) as offending_id
from joined
group by component_id
having count(distinct customer_id) > 1

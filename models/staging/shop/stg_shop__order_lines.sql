with

source as (

    select * from {{ source('shop', 'order_lines') }}

),

renamed as (

    select
        ---------- ids
        cast(id as {{ dbt.type_string() }}) as order_line_id,
        cast(order_id as {{ dbt.type_string() }}) as order_id,
        cast(product_id as {{ dbt.type_string() }}) as product_id,
        cast(variant_id as {{ dbt.type_string() }}) as variant_id,

        ---------- strings
        nullif(trim(sku), '') as sku,
        nullif(trim(title), '') as product_title,

        ---------- numerics
        cast(quantity as integer) as quantity,
        cast(price as decimal(12, 2)) as unit_price,
        cast(coalesce(total_discount, 0) as decimal(12, 2)) as discount_amount,
        cast(quantity * price - coalesce(total_discount, 0) as decimal(12, 2)) as line_amount

    from source

)

select * from renamed
